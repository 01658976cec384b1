from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('identity', '0002_persons_enterprises_sso'),
    ]

    operations = [
        migrations.CreateModel(
            name='SimulatedResident',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=50, verbose_name='姓名')),
                ('id_number_hash', models.CharField(max_length=64, unique=True, verbose_name='身份证号码检索值')),
                ('id_number_masked', models.CharField(max_length=18, verbose_name='身份证号码')),
                ('deceased', models.BooleanField(default=False, verbose_name='已死亡')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='登记时间')),
            ],
            options={
                'verbose_name': '人口库模拟数据',
                'verbose_name_plural': '人口库模拟数据',
            },
        ),
    ]
